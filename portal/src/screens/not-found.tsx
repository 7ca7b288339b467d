import { Title } from '../ui';

const NotFound = () => (
  <>
    <Title>Page not found</Title>
    <p>
      There is nothing at this address. <a href="/">Go to your projects</a>.
    </p>
  </>
);
export default NotFound;
